// Host stand-in for @ohos.hilog: each call becomes one stderr line shaped like device hilog output.

const LogLevel = Object.freeze({ DEBUG: 3, INFO: 4, WARN: 5, ERROR: 6, FATAL: 7 });

const levelLetters = new Map([
  [LogLevel.DEBUG, 'D'],
  [LogLevel.INFO, 'I'],
  [LogLevel.WARN, 'W'],
  [LogLevel.ERROR, 'E'],
  [LogLevel.FATAL, 'F'],
]);

// Device hilog hides arguments that are not marked {public}; RCP_HILOG_SHOW_PRIVATE=1 reveals them on the host.
function showPrivate() {
  return process.env.RCP_HILOG_SHOW_PRIVATE === '1';
}

function formatValue(conversion, value) {
  switch (conversion) {
    case 'd':
    case 'i':
      return String(Math.trunc(Number(value)));
    case 'f':
      return String(Number(value));
    case 'x':
      return Math.trunc(Number(value)).toString(16);
    case 'X':
      return Math.trunc(Number(value)).toString(16).toUpperCase();
    case 'o':
      return Math.trunc(Number(value)).toString(8);
    case 'c':
      return String.fromCharCode(Number(value));
    default:
      return String(value);
  }
}

/** Expands printf-style `%{public}s` / `%{private}d` / `%s` directives the way hilog does. */
function formatMessage(format, args) {
  let nextArg = 0;
  return String(format).replace(/%(?:\{(public|private)\})?([disfxXoc%])/g, (directive, privacy, conversion) => {
    if (conversion === '%') {
      return '%';
    }
    if (nextArg >= args.length) {
      return directive;
    }
    const value = args[nextArg++];
    if (privacy !== 'public' && !showPrivate()) {
      return '<private>';
    }
    return formatValue(conversion, value);
  });
}

function write(level, domain, tag, format, args) {
  const domainText = `A${(Number(domain) >>> 0).toString(16).toUpperCase().padStart(5, '0')}`;
  process.stderr.write(`${levelLetters.get(level)} ${domainText}/${tag}: ${formatMessage(format, args)}\n`);
}

const hilog = {
  LogLevel,
  debug: (domain, tag, format, ...args) => write(LogLevel.DEBUG, domain, tag, format, args),
  info: (domain, tag, format, ...args) => write(LogLevel.INFO, domain, tag, format, args),
  warn: (domain, tag, format, ...args) => write(LogLevel.WARN, domain, tag, format, args),
  error: (domain, tag, format, ...args) => write(LogLevel.ERROR, domain, tag, format, args),
  fatal: (domain, tag, format, ...args) => write(LogLevel.FATAL, domain, tag, format, args),
  // Every level is printed on the host.
  isLoggable: () => true,
};

export default hilog;
