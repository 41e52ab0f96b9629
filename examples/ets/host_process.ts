// Host-only access to the process (arguments and exit code), which ArkTS code cannot reach by itself.
declare const process: { argv: string[]; exitCode: number | undefined };

/** The arguments after the program's path. */
export function programArgs(): string[] {
  return process.argv.slice(2);
}

/** Sets the code the process exits with once it has nothing left to do. */
export function setExitCode(code: number): void {
  process.exitCode = code;
}
