import './skip-link.css';

/** «Перейти к содержимому»: the first stop of the Tab key, visible only while focused. */
export function SkipLink({ targetId, children }: { targetId: string; children: string }) {
  return (
    <a className="skip-link" href={`#${targetId}`}>
      {children}
    </a>
  );
}
