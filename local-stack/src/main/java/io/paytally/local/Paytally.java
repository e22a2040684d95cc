package io.paytally.local;

/**
 * The {@code paytally} command line: runs the embedded stack and its parts.
 */
public final class Paytally {

	private Paytally() {
	}

	public static void main(String[] args) {
		System.out.println("paytally: the embedded stack is coming (issue 8)");
	}

}
