/** The application menu, kept small: File, View (development only), Help; Edit on macOS for copy/paste. */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  importFile(): void;
  openWorkspace(): void;
  about(): void;
}

export function menuTemplate(actions: MenuActions, opts: { dev: boolean; platform: NodeJS.Platform }): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin';
  const menus: MenuItemConstructorOptions[] = [];
  if (mac) menus.push({ role: 'appMenu' });
  menus.push({
    label: 'File',
    submenu: [
      { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: () => actions.importFile() },
      { label: 'Open workspace…', accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkspace() },
      { type: 'separator' },
      { role: 'quit' },
    ],
  });
  // On macOS the clipboard shortcuts only work in text fields when an Edit menu provides them.
  if (mac) menus.push({ role: 'editMenu' });
  // Reloading would drop the page's state and DevTools can run anything: developers only.
  if (opts.dev) menus.push({ label: 'View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }] });
  menus.push({ label: 'Help', submenu: [{ label: 'About Vigil', click: () => actions.about() }] });
  return menus;
}
