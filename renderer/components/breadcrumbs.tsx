interface BreadcrumbsProps {
  path: string;
  onGo(path: string): void;
}

/** The folder path as buttons: the root is "Dropbox", each segment jumps to that folder. */
export function Breadcrumbs({ path, onGo }: BreadcrumbsProps) {
  const segments = path.split('/').filter(Boolean);
  const crumbs = [{ name: 'Dropbox', path: '' }];
  segments.forEach((name, index) => {
    crumbs.push({ name, path: `/${segments.slice(0, index + 1).join('/')}` });
  });
  return (
    <nav aria-label="Folder" className="breadcrumbs">
      <ol>
        {crumbs.map((crumb, index) => {
          const last = index === crumbs.length - 1;
          return (
            <li key={crumb.path}>
              <button
                type="button"
                className="link"
                aria-current={last ? 'location' : undefined}
                onClick={() => onGo(crumb.path)}
              >
                {crumb.name}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
