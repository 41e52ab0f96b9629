// @ohos.application.testRunner declares only the TestRunner interface; nothing exists at run time.
export {};
