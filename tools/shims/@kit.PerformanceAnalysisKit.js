// Host stand-in for @kit.PerformanceAnalysisKit: only hilog is provided.
import hilog from './@ohos.hilog.js';

export { hilog };
