// Host stand-in for @kit.ArkTS: only util's text codecs and UUIDs are provided.
import util from './@ohos.util.js';

export { util };

// url (URL parsing for rcplib's Request.url and Response.effectiveUrl), a separate addition.
import url from './@ohos.url.js';

export { url };
