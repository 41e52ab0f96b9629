// Host stand-in for @kit.ArkTS: only util's text codecs and UUIDs are provided.
import util from './@ohos.util.js';

export { util };
