import { type Ref, useId } from 'react';
import type { TargetCheck } from '../state/target-name.ts';

interface TargetNameFieldProps {
  ref?: Ref<HTMLInputElement>;
  label: string;
  name: string;
  check: TargetCheck;
  /** A failure the server gave for the last attempt (a conflict the listing did not show yet). */
  serverProblem?: string | null;
  disabled?: boolean;
  onChange(name: string): void;
}

/** The name a file gets in the browsed folder, with what is wrong (or worth knowing) said right under it. */
export function TargetNameField({
  ref,
  label,
  name,
  check,
  serverProblem,
  disabled,
  onChange,
}: TargetNameFieldProps) {
  const id = useId();
  // An empty field before anything was typed is not yet a mistake worth a red line.
  const problem = serverProblem ?? (name === '' ? null : check.problem);
  const message = problem ?? check.note;
  return (
    <div className="target-name">
      <label htmlFor={id}>{label}</label>
      <input
        ref={ref}
        id={id}
        value={name}
        readOnly={disabled}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={problem !== null}
        aria-describedby={message ? `${id}-message` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={`${id}-message`} className={problem ? 'error' : 'hint'} aria-live="polite">
        {message ?? '\u00a0'}
      </p>
    </div>
  );
}
