// The sign-in form: on its own page (signin.html, public) and as a dialog of the console when a session ends,
// so nothing typed in the console is lost. Also the language setting both share.

const LANG_KEY = 'console.lang';
export const LANGS = [{ id: 'en', name: 'English' }, { id: 'zh-CN', name: '简体中文' }];

export function getLang() {
  const saved = localStorage.getItem(LANG_KEY);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function setLang(lang) {
  localStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = lang;
}

const STRINGS = {
  en: {
    title: 'Staff console', heading: 'Sign in', intro: 'Sign in with your staff account, or with an API key.',
    name: 'Name', password: 'Password', apiKey: 'API key', useKey: 'Sign in with an API key instead',
    useAccount: 'Sign in with a name and password instead', submit: 'Sign in', working: 'Signing in…',
    wrong: 'The name or the password is wrong.', wrongKey: 'This API key is not valid.',
    missingName: 'Type your name.', missingPassword: 'Type your password.', missingKey: 'Type the API key.',
    network: 'The gateway cannot be reached. Check the connection and try again.',
    failed: 'Signing in did not work: {detail}', tooMany: 'Too many wrong tries. Wait {minutes} min, then try again.', language: 'Language', again: 'Your sign-in has ended. Sign in again to go on; what you typed is kept.',
  },
  'zh-CN': {
    title: '员工控制台', heading: '登录', intro: '使用员工账号或 API 密钥登录。',
    name: '用户名', password: '密码', apiKey: 'API 密钥', useKey: '改用 API 密钥登录',
    useAccount: '改用用户名和密码登录', submit: '登录', working: '正在登录…',
    wrong: '用户名或密码错误。', wrongKey: '此 API 密钥无效。',
    missingName: '请输入用户名。', missingPassword: '请输入密码。', missingKey: '请输入 API 密钥。',
    network: '无法连接网关。请检查网络后重试。',
    failed: '登录失败：{detail}', tooMany: '错误次数过多。请等待 {minutes} 分钟后重试。', language: '语言', again: '登录已过期。请重新登录后继续，您输入的内容会保留。',
  },
};

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v == null) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c != null) node.append(c);
  return node;
}

/**
 * Renders the sign-in form into `root`. `onSignedIn(session)` runs after a successful sign-in.
 * `message` is shown above the form (e.g. "your sign-in has ended").
 */
export function mountSignIn(root, { onSignedIn, message, showLanguage = true } = {}) {
  let lang = getLang();
  let withKey = false;
  const values = { name: '', password: '', apiKey: '' };

  function t(key, vars = {}) {
    const s = (STRINGS[lang] && STRINGS[lang][key]) || STRINGS.en[key] || key;
    return s.replace(/\{(\w+)\}/g, (_, k) => (k in vars ? vars[k] : `{${k}}`));
  }

  function render() {
    root.replaceChildren();
    const error = h('p', { class: 'form-error', role: 'alert', id: 'signin-error', hidden: true });
    const fields = withKey
      ? [field('apiKey', 'password', 'off')]
      : [field('name', 'text', 'username'), field('password', 'password', 'current-password')];
    const submit = h('button', { type: 'submit', class: 'primary' }, t('submit'));
    const form = h('form', { class: 'signin-form', novalidate: true, 'aria-labelledby': 'signin-heading' },
      h('h1', { id: 'signin-heading' }, t('heading')),
      message ? h('p', { class: 'notice' }, t('again')) : h('p', { class: 'muted' }, t('intro')),
      ...fields,
      error,
      submit,
      h('button', { type: 'button', class: 'link', onclick: () => { withKey = !withKey; render(); } }, withKey ? t('useAccount') : t('useKey')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      for (const input of form.querySelectorAll('input')) values[input.name] = input.value;
      const missing = withKey ? (!values.apiKey && 'apiKey') : (!values.name.trim() && 'name') || (!values.password && 'password');
      if (missing) {
        showError(error, t(missing === 'apiKey' ? 'missingKey' : missing === 'name' ? 'missingName' : 'missingPassword'));
        form.querySelector(`[name="${missing}"]`).focus();
        return;
      }
      submit.disabled = true;
      submit.textContent = t('working');
      try {
        const body = withKey ? { apiKey: values.apiKey } : { name: values.name, password: values.password };
        const response = await fetch('/console/signin', {
          method: 'POST', credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Console': '1' },
          body: JSON.stringify(body),
        });
        if (response.ok) {
          values.password = '';
          values.apiKey = '';
          onSignedIn(await response.json());
          return;
        }
        let detail = '';
        try { detail = (await response.json()).detail || ''; } catch { /* not JSON */ }
        showError(error, response.status === 401 ? t(withKey ? 'wrongKey' : 'wrong')
          : response.status === 429 ? t('tooMany', { minutes: Math.max(1, Math.ceil((+response.headers.get('Retry-After') || 60) / 60)) })
          : t('failed', { detail: detail || response.status }));
        const again = form.querySelector(withKey ? '[name="apiKey"]' : '[name="password"]');
        again.value = '';
        again.focus();
      } catch {
        showError(error, t('network'));
      } finally {
        submit.disabled = false;
        submit.textContent = t('submit');
      }
    });
    if (showLanguage) root.append(languagePicker());
    root.append(form);
    const first = form.querySelector('input');
    if (first) first.focus();
  }

  function field(name, type, autocomplete) {
    const id = 'signin-' + name;
    const input = h('input', { id, name, type, autocomplete, value: values[name], required: true, autocapitalize: 'off', spellcheck: 'false' });
    input.addEventListener('input', () => { values[name] = input.value; });
    return h('div', { class: 'field' }, h('label', { for: id }, t(name)), input);
  }

  function languagePicker() {
    const select = h('select', { id: 'signin-lang' }, ...LANGS.map(l => h('option', { value: l.id, selected: l.id === lang }, l.name)));
    select.addEventListener('change', () => {
      lang = select.value;
      setLang(lang);
      if (document.body.dataset.page === 'signin') document.title = t('heading') + ' · ' + t('title');
      render();
    });
    return h('div', { class: 'field inline lang-picker' }, h('label', { for: 'signin-lang' }, t('language')), select);
  }

  render();
}

function showError(node, text) {
  node.textContent = text;
  node.hidden = false;
}

// On signin.html: sign in, then go back where the person was going (only to a console page of this gateway).
if (document.body && document.body.dataset.page === 'signin') {
  setLang(getLang());
  const back = new URLSearchParams(location.search).get('return') || '';
  const target = back.startsWith('/console/') && !back.startsWith('//') ? back : '/console/';
  const lang = getLang();
  document.title = (STRINGS[lang] || STRINGS.en).heading + ' · ' + (STRINGS[lang] || STRINGS.en).title;
  mountSignIn(document.getElementById('signin'), { onSignedIn: () => location.replace(target + location.hash) });
  // Already signed in (a bookmark, the back button): go straight on.
  fetch('/console/api/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(r => { if (r.ok) location.replace(target + location.hash); })
    .catch(() => { /* the form is there */ });
}
