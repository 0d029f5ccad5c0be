"""Web sign-in plumbing: the session cookie, CSRF tokens and the login rate limit."""
