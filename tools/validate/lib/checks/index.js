'use strict';

// All project checks, in the order their reports are printed.

module.exports = [
  require('./json-syntax'),
  require('./module-registry'),
  require('./module-types'),
  require('./package-paths'),
  require('./pages-and-abilities'),
  require('./resource-refs'),
  require('./resource-folders'),
  require('./native-library'),
  require('./native-build'),
  require('./sdk-version'),
  require('./ets-syntax'),
];
