/** The one Vigil window. Its security comes from `secureWebPreferences` and `hardenWebContents`. */
import { BrowserWindow } from 'electron';
import { secureWebPreferences } from './security';

export function createMainWindow(opts: { preload: string; appUrl: string }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Vigil',
    // Shown once painted, so the analyst never sees a blank white frame.
    show: false,
    webPreferences: secureWebPreferences(opts.preload),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.appUrl);
  return win;
}
