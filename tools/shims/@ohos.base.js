// @ohos.base declares only types (BusinessError, callbacks); nothing exists at run time.
export {};
