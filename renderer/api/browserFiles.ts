/**
 * Files in the browser host: the user picks a file with the page's own file input and it is
 * uploaded to the host (the engine cannot read the user's disk through a browser); exports come
 * back as a download. Needs a page (document, XMLHttpRequest).
 */
import { VigilError } from '../../src/api/errors';
import { unwrapReply } from './httpTransport';
import type { PickedFile, UploadListener, VigilClient } from './types';

const IMPORT_ACCEPT = '.csv,.txt,.tsv,.parquet,.xlsx';
/** Models travel as JSON files (see `models.export`). */
const MODEL_ACCEPT = '.json';

function upload(token: string, file: File, onUpload?: UploadListener): Promise<PickedFile> {
  // XMLHttpRequest rather than fetch: it reports upload progress, and sends the File without reading it into memory.
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/upload?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('X-Vigil-Token', token);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onUpload?.(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () =>
      reject(new VigilError('internal', `Uploading ${file.name} to the Vigil host failed.`, { file: file.name, transport: 'upload_failed' }));
    xhr.onload = () => {
      try {
        const result = unwrapReply(xhr.responseText, xhr.status, 'the upload') as { path: string };
        resolve({ path: result.path, name: file.name, sizeBytes: file.size });
      } catch (e) {
        reject(e);
      }
    };
    xhr.send(file);
  });
}

export function browserFiles(token: string): Pick<VigilClient, 'pickImportFile' | 'deliverExport'> {
  return {
    pickImportFile(onUpload, kind = 'data') {
      return new Promise((resolve, reject) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.accept = kind === 'model' ? MODEL_ACCEPT : IMPORT_ACCEPT;
        input.style.display = 'none';
        document.body.appendChild(input);
        const done = () => input.remove();
        input.addEventListener('cancel', () => {
          done();
          resolve(null);
        });
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          done();
          if (!file) return resolve(null);
          upload(token, file, onUpload).then(resolve, reject);
        });
        input.click();
      });
    },
    deliverExport(path) {
      // The host answers with Content-Disposition: attachment, so following the link downloads
      // the file and the page stays where it is.
      const a = document.createElement('a');
      a.href = `/api/download?path=${encodeURIComponent(path)}&token=${encodeURIComponent(token)}`;
      a.rel = 'noopener';
      document.body.appendChild(a);
      a.click();
      a.remove();
    },
  };
}
