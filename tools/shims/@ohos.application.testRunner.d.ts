/** The TestRunner interface a device test runner implements, as the SDK declares it. */
export default interface TestRunner {
  onPrepare(): void;
  onRun(): void;
}
