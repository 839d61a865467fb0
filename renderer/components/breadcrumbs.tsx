import { breadcrumbTrail } from './breadcrumb-trail.ts';

interface BreadcrumbsProps {
  path: string;
  onGo(path: string): void;
}

/** The folder path as buttons: the root is "Dropbox", each segment jumps to that folder. */
export function Breadcrumbs({ path, onGo }: BreadcrumbsProps) {
  const crumbs = breadcrumbTrail(path);
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
