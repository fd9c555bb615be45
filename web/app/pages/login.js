// Sign-in (#/login): user and password, POST /api/v1/session. A refusal is
// said in an alert next to the form and the password field is marked.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { problemText } from '../problem.js';

function messageOf(error) {
  if (error.status === 401) {
    return t('login.wrong');
  }
  if (error.status === 429) {
    return t('login.throttled', { detail: error.problem.detail || '' });
  }
  return problemText(error);
}

export default {
  title: () => t('login.title'),
  render(main, context) {
    const alert = h('div', { id: 'login-alert', class: 'app-alert-area', role: 'alert' });
    const user = h('input', {
      id: 'login-user', name: 'user', type: 'text', class: 'form-control',
      autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false',
    });
    const password = h('input', {
      id: 'login-password', name: 'password', type: 'password', class: 'form-control',
      autocomplete: 'current-password', required: true,
    });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('login.submit'));
    const form = h('form', { class: 'app-login', novalidate: true, 'aria-describedby': 'login-alert' },
      h('div', { class: 'app-field' },
        h('label', { for: 'login-user', class: 'form-label' }, t('login.user')), user),
      h('div', { class: 'app-field' },
        h('label', { for: 'login-password', class: 'form-label' }, t('login.password')), password),
      submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      alert.replaceChildren();
      if (!user.value || !password.value) {
        alert.append(h('p', { class: 'alert alert-danger' }, t('login.missing')));
        (user.value ? password : user).focus();
        return;
      }
      submit.disabled = true;
      try {
        const answer = await context.api.post('/api/v1/session',
          { user: user.value, password: password.value }, { signIn: true });
        context.signedIn(answer);
      } catch (error) {
        password.value = '';
        password.setAttribute('aria-invalid', 'true');
        alert.append(h('p', { class: 'alert alert-danger' }, messageOf(error)));
        password.focus();
      } finally {
        submit.disabled = false;
      }
    });
    main.append(
      h('div', { class: 'row justify-content-center' },
        h('div', { class: 'col-12 col-md-8 col-lg-5' },
          h('h1', {}, t('login.title')),
          h('p', {}, t('login.intro')),
          alert,
          form)),
    );
    user.focus();
  },
};
