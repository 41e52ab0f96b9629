import { harTasks } from '@ohos/hvigor-ohos-plugin';

export default {
  // The stock HAR task set; it also drives the CMake build named in build-profile.json5.
  system: harTasks,
  plugins: []
}
