// image-not-in-repo: an image hosted on the pad or upload server the minutes were written in,
// rather than committed (commented-out ones too). The server's uploads do not last.
import type { Rule } from './rule';
import { basename } from '../paths';
import { relativeLink } from '../github';
import { encodePath } from '../linkEdit';
import { safeDecode } from '../links';

const PICTURE = /\.(?:png|jpe?g|gif|webp|heic|heif|svg|avif)$/i;

export const imageNotInRepo: Rule = {
  id: 'image-not-in-repo',
  description: 'An image on the pad/upload server instead of in the repository.',
  defaultSeverity: 'warning',
  finds: "images on the pad's upload server instead of in the repository",
  quickFixes: 'link the committed copy (**safe**); download the image and link it',
  options: ['imageHosts'],
  check({ index, file, report }) {
    const hosts = index.padHosts();
    if (hosts.size === 0) return;
    for (const link of file.doc.links) {
      const m = /^https?:\/\/([^/?#]+)(\/[^?#]*)/i.exec(link.url);
      if (!m || !hosts.has(m[1].toLowerCase())) continue;
      // A plain link to an uploaded picture is lost with the pad as much as an image is.
      if (!link.image && !PICTURE.test(m[2])) continue;
      const name = imageFileName(m[2]);
      const folder = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
      const committed = index.filesNamed(name);
      const local = committed.find((p) => p.startsWith(`${folder}/`)) ?? committed[0];
      const where = link.commented ? ' (in a comment)' : '';
      if (local) {
        const destination = encodePath(relativeLink(file.path, local));
        report({
          range: link.range,
          severity: 'warning',
          message: `This image${where} is on ${m[1]}, but the repository has it as \`${local}\`: link that.`,
          data: { reason: 'committed', local },
          fixes: [{ title: `Link \`${destination}\` instead`, edits: [{ range: link.range, newText: destination }], preferred: true, safe: true }],
        });
      } else {
        const to = folder ? `${folder}/${name}` : name;
        report({
          range: link.range,
          severity: 'warning',
          message: `This image${where} is only on ${m[1]}; its uploads do not last. Download it into the repository.`,
          data: { reason: 'remote', url: link.url, to },
          fixes: [{ title: `Download the image to \`${to}\` and link it`, download: { url: link.url, to, range: link.range, newDestination: encodePath(relativeLink(file.path, to)) } }],
        });
      }
    }
  },
};

/**
 * The file name a downloaded image gets: the URL's last segment, decoded, and then checked as one
 * segment (the URL is the repository's: `..%2F..%2F.bashrc` decodes to a path that would leave the
 * folder). Only the decoded name's last part counts, without leading dots or control characters.
 */
export function imageFileName(urlPath: string): string {
  const decoded = safeDecode(basename(urlPath));
  const last = decoded.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const name = last.replace(/[\u0000-\u001f\u007f]/g, '').replace(/^[.\s]+/, '').replace(/[\s.]+$/, '');
  return name.length > 0 && name.length <= 200 ? name : 'image';
}
