/**
 * Declarations of the part of @ohos.hilog that the host stand-in implements.
 * Every declaration here matches the SDK's, so code that type-checks against these also builds on a device.
 */
declare namespace hilog {
  enum LogLevel {
    DEBUG = 3,
    INFO = 4,
    WARN = 5,
    ERROR = 6,
    FATAL = 7
  }
  function debug(domain: number, tag: string, format: string, ...args: any[]): void;
  function info(domain: number, tag: string, format: string, ...args: any[]): void;
  function warn(domain: number, tag: string, format: string, ...args: any[]): void;
  function error(domain: number, tag: string, format: string, ...args: any[]): void;
  function fatal(domain: number, tag: string, format: string, ...args: any[]): void;
  function isLoggable(domain: number, tag: string, level: LogLevel): boolean;
}

export default hilog;
