import type { WireSession } from './wire.js';

/*
 * Teacher sign-in: shown only when the server has a PLAYGROUND_TEACHER_TOKEN. The token is typed
 * once into a password field and posted; the server answers with a cookie, so it is never kept
 * by the page. Signed in, the button becomes a "teacher" badge.
 */

/** The header's teacher button and its dialog. */
export interface TeacherParts {
  button: HTMLButtonElement;
  dialog: HTMLDialogElement;
  form: HTMLFormElement;
  input: HTMLInputElement;
  cancel: HTMLButtonElement;
  error: HTMLElement;
}

function showAs(button: HTMLButtonElement, teacher: boolean): void {
  button.textContent = teacher ? 'teacher' : 'I teach';
  button.disabled = teacher;
  button.classList.toggle('signed-in', teacher);
}

async function signIn(token: string): Promise<string | undefined> {
  try {
    const response = await fetch('/api/teacher', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    if (response.ok) return undefined;
    const answer = (await response.json().catch(() => ({}))) as { error?: unknown };
    return typeof answer.error === 'string' ? answer.error : `HTTP ${response.status}`;
  } catch {
    return 'The playground server cannot be reached.';
  }
}

/** Wires the teacher button for this session. */
export function setUpTeacher(parts: TeacherParts, session: WireSession): void {
  const { button, dialog, form, input, cancel, error } = parts;
  button.hidden = !session.teacherSignIn;
  showAs(button, session.teacher);
  button.addEventListener('click', () => {
    error.textContent = '';
    input.value = '';
    dialog.showModal();
  });
  cancel.addEventListener('click', () => dialog.close());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void signIn(input.value).then((problem) => {
      input.value = '';
      if (problem) {
        error.textContent = problem;
        return;
      }
      showAs(button, true);
      dialog.close();
    });
  });
}
