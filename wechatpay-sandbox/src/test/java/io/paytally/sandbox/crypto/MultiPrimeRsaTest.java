package io.paytally.sandbox.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Signature;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MultiPrimeRsaTest {

	private static final MultiPrimeRsa KEY = MultiPrimeRsa.generate(4);

	@Test
	void isAnRsa2048KeyOfFourPrimes() {
		assertThat(KEY.publicKey().getModulus().bitLength()).isEqualTo(2048);
		assertThat(KEY.publicKey().getPublicExponent()).hasToString("65537");
		assertThat(KEY.primes()).hasSize(4).allSatisfy((p) -> assertThat(p.bitLength()).isEqualTo(512));
	}

	@Test
	void signsExactlyAsTheJdkSignsWithTheSameKey() throws Exception {
		for (int i = 0; i < 20; i++) {
			byte[] message = Signatures.replyMessage("17000000" + i, Signatures.nonce(32),
					("{\"out_trade_no\":\"ORDER" + i + "\",\"amount\":{\"total\":" + (i * 137) + "}}")
						.getBytes(StandardCharsets.UTF_8));
			Signature jdk = Signature.getInstance("SHA256withRSA");
			jdk.initSign(KEY.privateKey());
			jdk.update(message);
			assertThat(KEY.sign(message)).isEqualTo(jdk.sign());
		}
	}

	@Test
	void signaturesVerifyWithThePublicKeyAndNotForAnotherMessage() throws Exception {
		byte[] message = "1700000000\nNONCE\n{}\n".getBytes(StandardCharsets.UTF_8);
		byte[] signature = KEY.sign(message);
		assertThat(signature).hasSize(256);
		assertThat(Signatures.verify(KEY.publicKey(), message, java.util.Base64.getEncoder().encodeToString(signature)))
			.isTrue();
		assertThat(Signatures.verify(KEY.publicKey(), "1700000000\nNONCE\n{ }\n".getBytes(StandardCharsets.UTF_8),
				java.util.Base64.getEncoder().encodeToString(signature)))
			.isFalse();
	}

	@ParameterizedTest
	@ValueSource(ints = { 2, 3, 5, 8 })
	void signsAsTheJdkDoesWithAnyNumberOfPrimes(int count) throws Exception {
		MultiPrimeRsa key = MultiPrimeRsa.generate(count);
		assertThat(key.publicKey().getModulus().bitLength()).isEqualTo(2048);
		assertThat(key.primes()).hasSize(count);
		assertThat(key.primes().stream().mapToInt(BigInteger::bitLength).sum()).isEqualTo(2048);
		for (int i = 0; i < 20; i++) {
			byte[] message = ("1700000000\nNONCE" + i + "\n{\"primes\":" + count + "}\n")
				.getBytes(StandardCharsets.UTF_8);
			Signature jdk = Signature.getInstance("SHA256withRSA");
			jdk.initSign(key.privateKey());
			jdk.update(message);
			assertThat(key.sign(message)).isEqualTo(jdk.sign());
		}
	}

	@Test
	void refusesMoreThanEightPrimes() {
		assertThatIllegalArgumentException().isThrownBy(() -> MultiPrimeRsa.generate(9));
	}

	@Test
	void isRebuiltFromItsPrimes() {
		MultiPrimeRsa again = MultiPrimeRsa.of(KEY.primes());
		byte[] message = "same".getBytes(StandardCharsets.UTF_8);
		assertThat(again.publicKey()).isEqualTo(KEY.publicKey());
		assertThat(again.sign(message)).isEqualTo(KEY.sign(message));
	}

	@Test
	void refusesWhatIsNotAKeyOfDistinctPrimes() {
		assertThatIllegalArgumentException().isThrownBy(() -> MultiPrimeRsa
			.of(java.util.List.of(KEY.primes().get(0), KEY.primes().get(0), KEY.primes().get(1), KEY.primes().get(2))));
		assertThatIllegalArgumentException().isThrownBy(() -> MultiPrimeRsa.of(KEY.primes().subList(0, 3)));
	}

}
