//! OpenID Connect and SAML identity providers registered in IAM (the `Principal.Federated`
//! of web-identity and SAML trust policies).
//!
//! CreateOpenIDConnectProvider: <https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html>.

use super::services::{IdentityProvider, OidcProvider, SamlProvider};
use super::validate::validate_name;
use super::{World, WorldError};
use crate::sim::arn::Arn;
use crate::sim::ids::AccountId;

impl World {
    /// CreateOpenIDConnectProvider. Returns its ARN.
    pub fn create_oidc_provider(
        &mut self,
        account: &AccountId,
        url: &str,
        client_ids: Vec<String>,
        thumbprints: Vec<String>,
    ) -> Result<String, WorldError> {
        self.require_account(account)?;
        if !url.starts_with("https://") {
            return Err(WorldError::invalid_input(
                "The URL must begin with https://",
            ));
        }
        let arn = Arn::iam_oidc_provider(account.as_str(), url).to_string();
        if self.identity_providers.iter().any(|p| p.arn() == arn) {
            return Err(WorldError::already_exists(format!(
                "Provider with url {url} already exists."
            )));
        }
        self.identity_providers
            .push(IdentityProvider::Oidc(OidcProvider {
                arn: arn.clone(),
                account: account.clone(),
                url: url.to_string(),
                client_ids,
                thumbprints,
            }));
        Ok(arn)
    }

    /// CreateSAMLProvider (metadata is a stub). Returns its ARN.
    pub fn create_saml_provider(
        &mut self,
        account: &AccountId,
        name: &str,
        metadata_document: &str,
    ) -> Result<String, WorldError> {
        validate_name(name, "name", 128)?;
        self.require_account(account)?;
        let arn = Arn::iam_saml_provider(account.as_str(), name).to_string();
        if self.identity_providers.iter().any(|p| p.arn() == arn) {
            return Err(WorldError::already_exists(format!(
                "SAMLProvider {name} already exists."
            )));
        }
        self.identity_providers
            .push(IdentityProvider::Saml(SamlProvider {
                arn: arn.clone(),
                account: account.clone(),
                name: name.to_string(),
                metadata_document: metadata_document.to_string(),
            }));
        Ok(arn)
    }

    /// Deletes an identity provider by ARN.
    pub fn delete_identity_provider(&mut self, arn: &str) -> Result<(), WorldError> {
        let before = self.identity_providers.len();
        self.identity_providers.retain(|p| p.arn() != arn);
        if self.identity_providers.len() == before {
            return Err(WorldError::no_such_entity(format!(
                "Provider {arn} cannot be found."
            )));
        }
        Ok(())
    }
}
