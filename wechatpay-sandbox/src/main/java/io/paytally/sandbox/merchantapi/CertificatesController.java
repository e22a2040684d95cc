package io.paytally.sandbox.merchantapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.paytally.sandbox.crypto.AesGcm;
import io.paytally.sandbox.crypto.PlatformCertificate;
import io.paytally.sandbox.crypto.Signatures;
import io.paytally.sandbox.keys.MerchantKeys;
import io.paytally.sandbox.keys.PlatformIdentity;
import io.paytally.sandbox.ledger.WireFormat;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform certificate list for the SDK's certificate mode, encrypted under the
 * asking merchant's APIv3 key.
 */
@RestController
class CertificatesController {

	private final RequestAuthenticator authenticator;

	private final SignedReplies replies;

	private final PlatformIdentity platform;

	CertificatesController(RequestAuthenticator authenticator, SignedReplies replies, PlatformIdentity platform) {
		this.authenticator = authenticator;
		this.replies = replies;
		this.platform = platform;
	}

	@GetMapping("/v3/certificates")
	void certificates(HttpServletRequest request, HttpServletResponse response) {
		MerchantKeys merchant = this.authenticator.authenticate(request, Requests.body(request));
		PlatformCertificate certificate = this.platform.certificate();
		String nonce = Signatures.nonce(12);
		Map<String, Object> encrypted = new LinkedHashMap<>();
		encrypted.put("algorithm", "AEAD_AES_256_GCM");
		encrypted.put("nonce", nonce);
		encrypted.put("associated_data", "certificate");
		encrypted.put("ciphertext", AesGcm.encrypt(merchant.apiV3Key(), nonce, "certificate", certificate.pem()));
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("serial_no", certificate.serialHex());
		entry.put("effective_time", WireFormat.time(certificate.notBefore()));
		entry.put("expire_time", WireFormat.time(certificate.notAfter()));
		entry.put("encrypt_certificate", encrypted);
		this.replies.ok(request, response, Map.of("data", List.of(entry)));
	}

}
