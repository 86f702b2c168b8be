import type { ScreenContext } from './context';
import { copyText, h } from './dom';

/** A labelled read-only link, selected on focus, with a button that copies it. */
export function linkRow(context: ScreenContext, label: string, url: string, testid: string): HTMLElement {
  const { t } = context;
  const id = `link-${testid}`;
  return h(
    'div',
    { className: 'link-row' },
    h('label', { htmlFor: id, className: 'label' }, label),
    h(
      'div',
      { className: 'link-field' },
      h('input', {
        id,
        readOnly: true,
        value: url,
        testid,
        on: { focus: (event) => (event.target as HTMLInputElement).select() },
      }),
      h(
        'button',
        {
          type: 'button',
          className: 'button secondary',
          testid: `copy-${testid}`,
          on: {
            click: async () => context.toast(t.t((await copyText(url)) ? 'animator.copied' : 'animator.copyFailed')),
          },
        },
        t.t('action.copy'),
      ),
    ),
  );
}
