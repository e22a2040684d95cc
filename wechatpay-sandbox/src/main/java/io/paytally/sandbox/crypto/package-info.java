/**
 * WeChat Pay v3 cryptography: PEM keys, SHA256withRSA signatures and AES-256-GCM
 * resources.
 */
package io.paytally.sandbox.crypto;
