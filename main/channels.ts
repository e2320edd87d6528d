/** IPC channel names shared by main and the preload; nothing else crosses between them. */
export const CHANNELS = {
  call: 'vigil:call',
  cancel: 'vigil:cancel',
  progress: 'vigil:progress',
  pickFile: 'vigil:pick-file',
  savePath: 'vigil:save-path',
} as const;
