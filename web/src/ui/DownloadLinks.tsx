/** One file to download: the words shown (kept on one line), and the link's whole name for a screen reader. */
export interface DownloadLink {
  href: string;
  text: string;
  name: string;
}

/**
 * "Download: contact card (vCard) · spreadsheet (CSV) · JSON lines": plain links (the server's
 * answer is the file, sent as an attachment with the session cookie), each named in full, the lead
 * and the dots hidden from screen readers.
 */
export function DownloadLinks({ lead, links, className }: { lead: string; links: readonly DownloadLink[]; className?: string }) {
  return (
    <p className={className}>
      <span aria-hidden="true">{lead} </span>
      {links.map(({ href, text, name }, i) => (
        <span key={href}>
          {i > 0 ? <span aria-hidden="true"> · </span> : null}
          <a href={href} download aria-label={name}>
            {text}
          </a>
        </span>
      ))}
    </p>
  );
}
