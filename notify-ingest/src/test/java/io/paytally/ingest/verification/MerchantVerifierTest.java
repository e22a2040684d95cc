package io.paytally.ingest.verification;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MerchantVerifierTest {

	@Test
	void buildsTheSignedMessageAsWechatPaySignsIt() {
		String body = "{\"id\":\"EV-1\",\"summary\":\"支付成功\"}";

		String message = MerchantVerifier.signedMessage("1795406400", "fdasfjihihihlkja484w",
				body.getBytes(StandardCharsets.UTF_8));

		assertThat(message).isEqualTo("1795406400\nfdasfjihihihlkja484w\n" + body + "\n");
	}

	@Test
	void buildsTheSignedMessageOfAnEmptyBody() {
		assertThat(MerchantVerifier.signedMessage("1", "n", new byte[0])).isEqualTo("1\nn\n\n");
	}

}
