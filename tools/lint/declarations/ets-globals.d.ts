/**
 * The globals an ArkTS runtime provides beyond the ECMAScript library, declared as the SDK declares them,
 * so that code using them type-checks here exactly as it does in a device build.
 */
declare class console {
  static debug(message: string, ...arguments: any[]): void;
  static log(message: string, ...arguments: any[]): void;
  static info(message: string, ...arguments: any[]): void;
  static warn(message: string, ...arguments: any[]): void;
  static error(message: string, ...arguments: any[]): void;
}

declare function setInterval(handler: Function | string, delay: number, ...arguments: any[]): number;
declare function setTimeout(handler: Function | string, delay?: number, ...arguments: any[]): number;
declare function clearInterval(intervalID?: number): void;
declare function clearTimeout(timeoutID?: number): void;
