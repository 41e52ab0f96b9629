/** The part of @kit.PerformanceAnalysisKit that exists on the host. */
import hilog from '@ohos.hilog';

export { hilog };
