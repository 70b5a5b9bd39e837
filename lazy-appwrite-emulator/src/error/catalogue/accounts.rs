//! Users, teams and memberships.

use crate::error::{ApiError, ErrorType};

/// `404 user_not_found`.
pub fn user_not_found() -> ApiError {
    ApiError::new(
        ErrorType::UserNotFound,
        "User with the requested ID could not be found.",
    )
}

/// `409 user_already_exists`.
pub fn user_exists() -> ApiError {
    ApiError::new(
        ErrorType::UserAlreadyExists,
        "A user with the same id, email, or phone already exists in this project.",
    )
}

/// `404 team_not_found`.
pub fn team_not_found() -> ApiError {
    ApiError::new(
        ErrorType::TeamNotFound,
        "Team with the requested ID could not be found.",
    )
}

/// `404 membership_not_found`.
pub fn membership_not_found() -> ApiError {
    ApiError::new(
        ErrorType::MembershipNotFound,
        "Membership with the requested ID could not be found.",
    )
}

/// `409 team_already_exists`.
pub fn team_exists() -> ApiError {
    ApiError::new(
        ErrorType::TeamAlreadyExists,
        "Team with requested ID already exists. Please choose a different ID and try again.",
    )
}

/// `400 general_argument_invalid`: an invitation without `url`.
pub fn invitation_url_missing() -> ApiError {
    ApiError::new(ErrorType::GeneralArgumentInvalid, "URL is required")
}

/// `400 general_argument_invalid`: an invitation naming no one.
pub fn invitation_invitee_missing() -> ApiError {
    ApiError::new(
        ErrorType::GeneralArgumentInvalid,
        "At least one of userId, email, or phone is required",
    )
}

/// `503 general_smtp_disabled`: an invitation by a non-key caller (it would send mail).
pub fn smtp_disabled() -> ApiError {
    ApiError::new(
        ErrorType::GeneralSmtpDisabled,
        "SMTP is disabled on your Appwrite instance. You can <a href=\"/docs/email-delivery\">learn more about setting up SMTP</a> in our docs.",
    )
}

/// `409 user_already_exists`: the invited user's `what` (email or phone) differs.
pub fn invitee_mismatch(what: &str) -> ApiError {
    ApiError::new(
        ErrorType::UserAlreadyExists,
        format!("Given {what} doesn't match"),
    )
}

/// `404 user_not_found`: an invitation by `userId` of no user.
pub fn invitee_not_found() -> ApiError {
    ApiError::new(
        ErrorType::UserNotFound,
        "User with given userId doesn't exist.",
    )
}

/// `409 membership_already_confirmed`.
pub fn membership_already_confirmed() -> ApiError {
    ApiError::new(
        ErrorType::MembershipAlreadyConfirmed,
        "Membership is already confirmed.",
    )
}

/// `401 user_unauthorized`: a membership update by someone who may not change roles.
pub fn roles_not_modifiable() -> ApiError {
    ApiError::new(
        ErrorType::UserUnauthorized,
        "User is not allowed to modify roles",
    )
}

/// `404 team_invite_not_found`.
pub fn team_invite_not_found() -> ApiError {
    ApiError::new(
        ErrorType::TeamInviteNotFound,
        "The requested team invitation could not be found.",
    )
}

/// `400 team_membership_mismatch`.
pub fn team_membership_mismatch() -> ApiError {
    ApiError::new(
        ErrorType::TeamMembershipMismatch,
        "The membership ID does not belong to the team ID.",
    )
}
