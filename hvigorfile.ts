import { appTasks } from '@ohos/hvigor-ohos-plugin';

export default {
  // The stock application task set; per-module task sets live in each module's hvigorfile.ts.
  system: appTasks,
  plugins: []
}
