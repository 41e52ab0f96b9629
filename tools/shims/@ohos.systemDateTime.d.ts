/**
 * Declarations of the part of @ohos.systemDateTime that the host stand-in implements.
 * Every declaration here matches the SDK's, including its `@throws` tags (see @ohos.util.d.ts).
 */
declare namespace systemDateTime {
  enum TimeType {
    STARTUP = 0,
    ACTIVE = 1
  }
  /**
   * @throws { BusinessError } 401 - Parameter error. Possible causes: 1. Mandatory parameters are left unspecified;
   *     2. Incorrect parameter types; 3. Parameter verification failed.
   */
  function getUptime(timeType: TimeType, isNanoseconds?: boolean): number;
}

export default systemDateTime;
