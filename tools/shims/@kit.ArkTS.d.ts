/** The part of @kit.ArkTS that exists on the host. */
import util from '@ohos.util';

export { util };

// url (URL parsing for rcplib's Request.url and Response.effectiveUrl), a separate addition.
import url from '@ohos.url';

export { url };
