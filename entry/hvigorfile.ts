import { hapTasks } from '@ohos/hvigor-ohos-plugin';

export default {
  // The stock HAP task set; native code comes packaged inside the rcplib HAR.
  system: hapTasks,
  plugins: []
}
