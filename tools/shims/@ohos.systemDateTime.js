// Host stand-in for the uptime clock of @ohos.systemDateTime. Node's monotonic clock stands in for
// the time since boot: callers only ever subtract two readings, so the origin does not matter.

const TimeType = Object.freeze({ STARTUP: 0, ACTIVE: 1 });

// ArkTS reports a bad argument as a BusinessError with code 401.
function parameterError(message) {
  const error = new Error(message);
  error.code = 401;
  return error;
}

function getUptime(timeType, isNanoseconds = false) {
  if (timeType !== TimeType.STARTUP && timeType !== TimeType.ACTIVE) {
    throw parameterError(`getUptime: timeType must be TimeType.STARTUP or TimeType.ACTIVE, not ${timeType}`);
  }
  const nanoseconds = process.hrtime.bigint();
  return isNanoseconds ? Number(nanoseconds) : Number(nanoseconds / 1000000n);
}

export default { TimeType, getUptime };
