// FIDO2 security keys (WebAuthn): the only part of signing in that needs JavaScript. Without it, or in a
// browser without WebAuthn, the buttons stay hidden and the PIN and code form works as before.
const csrf = () => document.querySelector('input[name="_csrf"]').value

async function postJson (url, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'X-CSRF-TOKEN': csrf(), 'Content-Type': 'application/json' },
    body: body === undefined ? '{}' : JSON.stringify(body),
    credentials: 'same-origin'
  })
  let json = {}
  try { json = await response.json() } catch (e) { /* not JSON */ }
  return { ok: response.ok, status: response.status, json }
}

function show (id, message) {
  const element = document.getElementById(id)
  element.textContent = message
  element.hidden = false
}

async function signIn () {
  document.getElementById('security-key-error').hidden = true
  const options = await postJson('/login/security-key/options')
  if (!options.ok) {
    show('security-key-error', options.json.error || 'Security keys are not available: use your PIN and a code')
    return
  }
  let credential
  try {
    credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options.json) })
  } catch (e) {
    show('security-key-error', 'The security key did not respond. Try again, or use your PIN and a code.')
    return
  }
  const result = await postJson('/login/security-key', credential.toJSON())
  if (result.json.redirect) {
    window.location.assign(result.json.redirect)
  } else {
    show('security-key-error', result.json.error || 'The security key was not accepted')
  }
}

async function register () {
  document.getElementById('security-key-error').hidden = true
  const options = await postJson('/account/security-keys/options')
  if (!options.ok) {
    show('security-key-error', options.json.error || 'A security key cannot be added now')
    return
  }
  let credential
  try {
    credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options.json) })
  } catch (e) {
    show('security-key-error', 'The security key did not respond, or is already registered. Try again.')
    return
  }
  const label = encodeURIComponent(document.getElementById('key-label').value)
  const result = await postJson('/account/security-keys?label=' + label, credential.toJSON())
  if (result.ok) {
    window.location.assign('/account/security-keys?added')
  } else {
    show('security-key-error', result.json.error || 'The security key could not be added')
  }
}

// Break-glass: the key signs in place of PIN and code, and the form (with the reason) goes as usual.
async function breakGlass () {
  document.getElementById('security-key-error').hidden = true
  const options = await postJson('/records/break-glass/key-options')
  if (!options.ok) {
    show('security-key-error', options.json.error || 'Security keys are not available: enter your PIN and a code')
    return
  }
  let credential
  try {
    credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options.json) })
  } catch (e) {
    show('security-key-error', 'The security key did not respond. Try again, or enter your PIN and a code.')
    return
  }
  const field = document.getElementById('keyAssertion')
  field.value = JSON.stringify(credential.toJSON())
  field.form.submit()
}

if (window.PublicKeyCredential && PublicKeyCredential.parseRequestOptionsFromJSON) {
  const breakGlassButton = document.getElementById('break-glass-with-key')
  if (breakGlassButton) {
    document.getElementById('break-glass-key-section').hidden = false
    breakGlassButton.addEventListener('click', breakGlass)
  }
  const signInButton = document.getElementById('use-security-key')
  if (signInButton) {
    document.getElementById('security-key-section').hidden = false
    signInButton.addEventListener('click', signIn)
  }
  const addButton = document.getElementById('add-security-key')
  if (addButton) {
    document.getElementById('security-key-section').hidden = false
    addButton.addEventListener('click', register)
  }
}
