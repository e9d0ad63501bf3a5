//! The CurrentUser fields the spec requires beyond the ones the simulator acts on, so a
//! client generated from the spec decodes the reply.

use serde_json::{Value, json};

/// Adds every required CurrentUser field that `user` lacks, with a neutral value.
pub(crate) fn with_required_fields(mut user: Value) -> Value {
    let extra = json!({
        "acceptedTOSVersion": 7,
        "acceptedPrivacyVersion": 0,
        "ageVerificationStatus": "hidden",
        "ageVerified": false,
        "currentAvatar": "avtr_00000000-0000-0000-0000-000000000000",
        "currentAvatarTags": [],
        "friendGroupNames": [],
        "friendKey": "",
        "hasBirthday": false,
        "hasLoggedInFromClient": false,
        "hasPendingEmail": false,
        "homeLocation": "",
        "isAdult": true,
        "last_mobile": null,
        "obfuscatedEmail": "",
        "obfuscatedPendingEmail": "",
        "oculusId": "",
        "profilePicOverride": "",
        "profilePicOverrideThumbnail": "",
        "pronouns": "",
        "pronounsHistory": [],
        "statusFirstTime": false,
        "statusHistory": [],
        "steamDetails": {},
        "steamId": "",
        "unsubscribe": false,
        "userIcon": "",
        "usesGeneratedPassword": false,
    });
    if let (Some(object), Value::Object(extra)) = (user.as_object_mut(), extra) {
        for (key, value) in extra {
            object.entry(key).or_insert(value);
        }
    }
    user
}
