//! `vrchat-invite login`: log in (password, then a two-factor code if asked) and save the session.

use clap::Args;
use serde::Serialize;
use vrchat_invite_core::auth::{
    CodePrompt, Credentials, CurrentUser, TwoFactorCode, TwoFactorMethod,
};
use vrchat_invite_core::{InputError, Session};

use crate::connection::client;
use crate::describe::{Subject, input_error, transport_error};
use crate::exit_codes::Exit;
use crate::failure::Failure;
use crate::globals::Globals;
use crate::prompt::Prompter;
use crate::terminal_text::one_line;

/// Arguments of `login`.
#[derive(Debug, Args)]
pub(crate) struct LoginArgs {
    /// Your VRChat username or email; asked for when not given. The password and the
    /// two-factor code are always asked for (without echo on a terminal; as lines of stdin
    /// otherwise). A saved session of another account is logged out once this login
    /// succeeded, and kept when it does not. A saved session still waiting for its
    /// two-factor code (a login stopped at the code) is finished with the code alone,
    /// without the password.
    #[arg(long)]
    username: Option<String>,
}

/// Told before the code is asked for a saved session whose code was never entered.
const RESUME_NOTE: &str = "The saved session is waiting for its two-factor code (its password was accepted earlier): enter your two-factor code to finish logging in.";

/// What `login` reports. No username, password, code or cookie.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct LoginReport {
    id: String,
    display_name: String,
    reused_session: bool,
    session_file: String,
}

/// Runs `login`.
pub(crate) fn run(args: &LoginArgs, globals: &Globals) -> Result<(), Failure> {
    let store = globals.store()?;
    let saved = match store.load() {
        Ok(saved) => saved,
        Err(failure) => {
            eprintln!("warning: {failure}; logging in afresh");
            None
        }
    };
    let base_url = globals.base_url()?.unwrap_or_default();
    let user_agent = globals.user_agent(saved.as_ref())?;
    let fresh = Session::new(user_agent).with_base_url(base_url.clone());
    let mut session = fresh.clone();
    // Saved cookies are only ever sent back to the API they came from.
    if let Some(saved) = saved.filter(|saved| saved.base_url() == &base_url) {
        session.set_auth_cookie(saved.auth_cookie().cloned());
        session.set_two_factor_cookie(saved.two_factor_cookie().cloned());
        session.set_user_id(saved.user_id().cloned());
    }
    let mut client = client(session)?;
    let mut prompter = Prompter::for_stdin();

    let mut reused = None;
    let mut resumed = false;
    if client.session().auth_cookie().is_some() {
        match resume(&client, &mut prompter, &mut resumed) {
            Ok(user) => reused = Some(user),
            // The saved session expired: log in with a password below.
            Err(Resume::Expired) => {}
            Err(Resume::Failed(failure)) => return Err(failure),
        }
    }
    // Another account's saved session: log in afresh beside it; it is ended only once
    // the new login succeeded.
    let mut replaced = None;
    if let (Some(user), Some(wanted)) = (&reused, &args.username) {
        if !same_account(user, wanted)? {
            let previous = std::mem::replace(&mut client, crate::connection::client(fresh)?);
            replaced = reused.take().map(|user| (previous, user));
        }
    }
    let reused_session = reused.is_some() && !resumed;
    let user = match reused {
        Some(user) => user,
        None => {
            let credentials = ask_credentials(args, &mut prompter)?;
            client
                .login_with(Some(credentials), |prompt| {
                    // Kept half-logged, so a login stopped at the code resumes there; but
                    // never over another account's session before this login succeeded.
                    if prompt.rejected == 0 && replaced.is_none() {
                        if let Err(failure) = store.save(&client.session()) {
                            eprintln!("warning: {failure}");
                        }
                    }
                    ask_code(&mut prompter, prompt)
                })
                .map_err(|error| transport_error(&error, &Subject::Login))?
        }
    };
    store.save(&client.session())?;
    if let Some((previous, previous_user)) = replaced {
        end_replaced(&previous, &previous_user, &user);
    }
    report(
        globals,
        &user,
        reused_session,
        &store.path().display().to_string(),
    )
}

/// Why the saved session did not log in.
enum Resume {
    /// It is over: a password login is needed.
    Expired,
    /// The login failed; nothing more is tried.
    Failed(Failure),
}

/// Logs in with the saved session: checked and reused when valid, finished with a code when
/// half-logged (`resumed` then says so). Never sends the password.
fn resume(
    client: &vrchat_invite_ureq::Client,
    prompter: &mut Prompter,
    resumed: &mut bool,
) -> Result<CurrentUser, Resume> {
    let mut malformed = false;
    let result = client.login_with(None, |prompt| {
        if !*resumed {
            eprintln!("{RESUME_NOTE}");
            *resumed = true;
        }
        let answer = ask_code(prompter, prompt)?;
        if looks_like_code(&answer) {
            Some(answer)
        } else {
            malformed = true;
            None
        }
    });
    match result {
        Ok(user) => Ok(user),
        Err(vrchat_invite_ureq::Error::Input(InputError::MissingCredentials)) => {
            Err(Resume::Expired)
        }
        Err(_) if malformed => Err(Resume::Failed(Failure::new(
            Exit::TwoFactor,
            "login stopped: the saved session is waiting for its two-factor code, and the answer \
             was not a code (nothing was sent); enter the code, or run `vrchat-invite logout` \
             to start over",
        ))),
        Err(error) => Err(Resume::Failed(transport_error(&error, &Subject::Login))),
    }
}

/// Whether an answer can be the code asked for: six digits for an authenticator or email
/// code (so a password line meant for a fresh login is never sent as one); a recovery
/// code as typed.
fn looks_like_code((method, code): &(TwoFactorMethod, TwoFactorCode)) -> bool {
    let code = code.expose();
    *method == TwoFactorMethod::Otp || (code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()))
}

fn report(
    globals: &Globals,
    user: &CurrentUser,
    reused_session: bool,
    session_file: &str,
) -> Result<(), Failure> {
    let report = LoginReport {
        id: user.id.to_string(),
        display_name: user.display_name.clone(),
        reused_session,
        session_file: session_file.to_owned(),
    };
    globals.output().show(&report, || {
        if reused_session {
            format!(
                "Already logged in as {} ({}): the saved session is still valid.",
                one_line(&user.display_name),
                user.id
            )
        } else {
            format!(
                "Logged in as {} ({}). Session saved to {session_file}.",
                one_line(&user.display_name),
                user.id
            )
        }
    })
}

fn ask_credentials(args: &LoginArgs, prompter: &mut Prompter) -> Result<Credentials, Failure> {
    let stdin_failed = |error: std::io::Error| {
        Failure::new(Exit::Usage, format!("could not read the answer: {error}"))
    };
    let username = match &args.username {
        Some(username) => username.clone(),
        None => prompter
            .visible("Username: ")
            .map_err(stdin_failed)?
            .ok_or_else(|| missing("username"))?,
    };
    let password = prompter
        .secret("Password: ")
        .map_err(stdin_failed)?
        .ok_or_else(|| missing("password"))?;
    Credentials::new(username, password).map_err(|error| input_error(&error))
}

fn missing(what: &str) -> Failure {
    Failure::new(
        Exit::Usage,
        format!("login needs a {what}, and none was given (stdin ended)"),
    )
}

/// Asks for a code of the best offered method, offering a recovery code (`otp`) instead
/// when the account has one; `None` (login cancelled) when none is given. After a refused
/// code, says so (on a terminal) and how many tries are left.
fn ask_code(
    prompter: &mut Prompter,
    prompt: &CodePrompt,
) -> Option<(TwoFactorMethod, TwoFactorCode)> {
    if prompt.rejected > 0 {
        let tries = if prompt.attempts_left == 1 {
            "1 try".to_owned()
        } else {
            format!("{} tries", prompt.attempts_left)
        };
        prompter.note(&format!("That code was not accepted; {tries} left."));
    }
    let offered = &prompt.methods;
    let Some(method) = TwoFactorMethod::preferred(offered).cloned() else {
        let names: Vec<&str> = offered.iter().map(TwoFactorMethod::as_str).collect();
        eprintln!(
            "VRChat asks for a two-factor method this tool does not know: {}",
            crate::terminal_text::clean(&names.join(", "))
        );
        return None;
    };
    let recovery_offered =
        method != TwoFactorMethod::Otp && offered.contains(&TwoFactorMethod::Otp);
    let question = match method {
        TwoFactorMethod::EmailOtp => "Code from the email VRChat just sent: ",
        TwoFactorMethod::Otp => "Recovery code: ",
        _ if recovery_offered => "Authenticator app code (or `otp` to use a recovery code): ",
        _ => "Authenticator app code: ",
    };
    let answer = prompter.secret(question).ok()??;
    if recovery_offered && answer.trim().eq_ignore_ascii_case("otp") {
        let code = prompter.secret("Recovery code: ").ok()??;
        return Some((TwoFactorMethod::Otp, TwoFactorCode::new(code).ok()?));
    }
    Some((method, TwoFactorCode::new(answer).ok()?))
}

/// Whether the saved session's `user` is the account `wanted` names; an error when that
/// cannot be told (an email, or a server that did not say the username).
fn same_account(user: &CurrentUser, wanted: &str) -> Result<bool, Failure> {
    match &user.username {
        Some(username) if username.eq_ignore_ascii_case(wanted.trim()) => Ok(true),
        Some(_) if !wanted.contains('@') => Ok(false),
        _ => Err(Failure::new(
            Exit::Usage,
            format!(
                "the saved session is for {} ({}), and it cannot be told whether \"{wanted}\" is \
                 the same account: run `vrchat-invite logout` first, or give another \
                 --session-file",
                one_line(&user.display_name),
                user.id
            ),
        )),
    }
}

/// Ends the replaced session of `previous_user`, now that `user` is logged in and saved;
/// a failure is only a warning (the new login stands).
fn end_replaced(
    previous: &vrchat_invite_ureq::Client,
    previous_user: &CurrentUser,
    user: &CurrentUser,
) {
    let note = match previous.logout() {
        Ok(()) => format!(
            "The saved session was {} ({}); logged it out, now that {} is logged in.",
            one_line(&previous_user.display_name),
            previous_user.id,
            one_line(&user.display_name)
        ),
        Err(error) => format!(
            "warning: the replaced session of {} ({}) could not be ended ({}); it stays open \
             on the server until it expires.",
            one_line(&previous_user.display_name),
            previous_user.id,
            transport_error(&error, &Subject::Login)
        ),
    };
    eprintln!("{}", crate::terminal_text::clean(&note));
}
