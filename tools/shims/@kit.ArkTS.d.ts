/** The part of @kit.ArkTS that exists on the host. */
import util from '@ohos.util';

export { util };
