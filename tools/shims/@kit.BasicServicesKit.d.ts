/** The part of @kit.BasicServicesKit that exists on the host. */
import { AsyncCallback, BusinessError, Callback, ErrorCallback } from '@ohos.base';

export { AsyncCallback, BusinessError, Callback, ErrorCallback };
