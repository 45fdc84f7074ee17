// The "Two-factor log-in" page shows the new passkey (and, after the first one, the recovery
// codes) once django-otp-webauthn's script says the passkey was registered.
document.addEventListener("otp_webauthn.register_complete", () => window.location.reload());
