package io.paytally.sandbox.merchantapi;

import java.util.ArrayList;
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
 * asking merchant's APIv3 key: one certificate, or the old and the new one while the
 * platform certificate is being rotated.
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
		List<Map<String, Object>> data = new ArrayList<>();
		for (PlatformCertificate certificate : this.platform.certificates()) {
			data.add(entry(certificate, merchant.apiV3Key()));
		}
		this.replies.ok(request, response, Map.of("data", data));
	}

	private static Map<String, Object> entry(PlatformCertificate certificate, String apiV3Key) {
		String nonce = Signatures.nonce(12);
		Map<String, Object> encrypted = new LinkedHashMap<>();
		encrypted.put("algorithm", "AEAD_AES_256_GCM");
		encrypted.put("nonce", nonce);
		encrypted.put("associated_data", "certificate");
		encrypted.put("ciphertext", AesGcm.encrypt(apiV3Key, nonce, "certificate", certificate.pem()));
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("serial_no", certificate.serialHex());
		entry.put("effective_time", WireFormat.time(certificate.notBefore()));
		entry.put("expire_time", WireFormat.time(certificate.notAfter()));
		entry.put("encrypt_certificate", encrypted);
		return entry;
	}

}
