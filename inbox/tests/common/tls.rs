//! A test certificate authority made in the test (rcgen), a server certificate for 127.0.0.1
//! signed by it, and the TLS acceptor loopback fakes use. The inbox trusts the CA through its
//! configuration (`--tls-ca-file` / `ForwardConfig::extra_roots`), as a clinic would trust a
//! company CA.

use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};
use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::TlsAcceptor;

/// A CA and a certificate for `127.0.0.1` it signed.
pub struct TestCa {
    /// The CA's certificate, as the inbox is told to trust it.
    pub ca: CertificateDer<'static>,
    /// The CA's certificate as PEM, for a `--tls-ca-file`.
    pub ca_pem: String,
    /// A TLS acceptor presenting the server certificate.
    pub acceptor: TlsAcceptor,
}

impl TestCa {
    /// A fresh CA, different in every test.
    pub fn new() -> Self {
        let ca_key = KeyPair::generate().expect("CA key");
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(DnType::CommonName, "smp-inbox test CA");
        let ca_cert = params.self_signed(&ca_key).expect("CA");

        let key = KeyPair::generate().expect("server key");
        let params = CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()])
            .expect("server params");
        let cert = params
            .signed_by(&key, &ca_cert, &ca_key)
            .expect("server certificate");
        let config = ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(
                vec![cert.der().clone()],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
            )
            .expect("server TLS config");
        Self {
            ca: ca_cert.der().clone(),
            ca_pem: ca_cert.pem(),
            acceptor: TlsAcceptor::from(Arc::new(config)),
        }
    }
}
