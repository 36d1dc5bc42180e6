import { unzipSync } from 'fflate';
import type { ImportLimits } from './limits.ts';
import { fileError } from './problems.ts';

const expected = {
  en: 'an .xlsx workbook saved by Excel, WPS or LibreOffice',
  zh: '由 Excel、WPS 或 LibreOffice 保存的 .xlsx 工作簿'
};

/**
 * Refuses zip bombs before anything is inflated: reads only the central directory (the filter
 * sees each entry's declared sizes and declines it), then checks entry count and total size.
 * fflate later inflates into buffers of exactly the declared size, so a lying header cannot grow past it.
 */
export function checkZipEntries(bytes: Uint8Array, limits: ImportLimits): void {
  let entries = 0;
  let unzippedBytes = 0;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        entries += 1;
        unzippedBytes += file.originalSize;
        return false;
      }
    });
  } catch {
    throw fileError(400, 'invalid-xlsx', { en: 'the file is not a readable .xlsx (zip) archive', zh: '文件不是有效的 .xlsx（zip）文件' }, expected);
  }
  if (entries > limits.maxZipEntries || unzippedBytes > limits.maxUnzippedBytes) {
    throw fileError(
      413,
      'zip-bomb',
      {
        en: `the workbook would unpack to ${entries} entries and ${Math.round(unzippedBytes / 1048576)} MB`,
        zh: `该工作簿解压后有 ${entries} 个文件、${Math.round(unzippedBytes / 1048576)} MB`
      },
      {
        en: `at most ${limits.maxZipEntries} entries and ${Math.round(limits.maxUnzippedBytes / 1048576)} MB unpacked`,
        zh: `解压后最多 ${limits.maxZipEntries} 个文件、${Math.round(limits.maxUnzippedBytes / 1048576)} MB`
      }
    );
  }
}
