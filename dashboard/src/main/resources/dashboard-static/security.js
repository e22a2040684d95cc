// Who is logged in, and the CSRF token for every POST: Spring Security keeps it in the
// XSRF-TOKEN cookie, and a POST sends it back as the X-XSRF-TOKEN header. Elements with
// data-roles="A B" are shown only to users with one of those roles.
window.PAYTALLY_SECURITY = (function () {
	'use strict';

	function csrfToken() {
		const match = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
		return match ? decodeURIComponent(match.substring('XSRF-TOKEN='.length)) : '';
	}

	// a POST of JSON with the CSRF token; resolves to the Response
	function post(url, body) {
		const headers = { 'Accept': 'application/json', 'X-XSRF-TOKEN': csrfToken() };
		const init = { method: 'POST', headers: headers, credentials: 'same-origin' };
		if (body !== undefined) {
			headers['Content-Type'] = 'application/json';
			init.body = JSON.stringify(body);
		}
		return fetch(url, init);
	}

	function logout() {
		return post('/logout').finally(() => { location.href = '/login?logout'; });
	}

	const me = fetch('/api/me', { headers: { 'Accept': 'application/json' } }).then((response) => {
		if (response.status === 401) {
			location.href = '/login';
			throw new Error('not logged in');
		}
		return response.json();
	});

	function allows(user, roles) {
		return roles.split(/\s+/).some((role) => user.roles.includes(role));
	}

	function render(user) {
		if (user.passwordChangeRequired && !location.pathname.startsWith('/account/')) {
			location.href = '/account/password.html';
			return;
		}
		document.querySelectorAll('[data-roles]').forEach((e) => { e.hidden = !allows(user, e.dataset.roles); });
		const bar = document.getElementById('user');
		if (!bar) {
			return;
		}
		const name = document.createElement('span');
		name.id = 'user-name';
		name.textContent = user.name + (user.roles.length ? ' (' + user.roles.join(', ') + ')' : '');
		bar.replaceChildren(name);
		if (user.roles.includes('ADMIN')) {
			const users = document.createElement('a');
			users.href = '/admin/users.html';
			users.id = 'users-link';
			users.textContent = '用户 / Users';
			bar.appendChild(users);
		}
		const out = document.createElement('button');
		out.type = 'button';
		out.id = 'logout';
		out.textContent = '退出 / Log out';
		out.addEventListener('click', logout);
		bar.appendChild(out);
	}

	me.then(render, () => {});
	return { csrfToken: csrfToken, post: post, logout: logout, me: me };
}());
