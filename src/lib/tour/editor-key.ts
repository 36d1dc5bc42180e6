/** The editor key typed once per browser tab; the import dialog keeps it under the same name. */
const KEY_STORAGE = 'cluster-atlas-editor-key';

export function storedEditorKey(): string {
  return sessionStorage.getItem(KEY_STORAGE) ?? '';
}

export function rememberEditorKey(key: string): void {
  sessionStorage.setItem(KEY_STORAGE, key);
}
