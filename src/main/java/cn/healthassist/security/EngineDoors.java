package cn.healthassist.security;


/**
 * Which door a request came in through. The product's own API ({@code /api}) checks every field and every
 * jurisdiction itself before it calls the engine, so its calls pass engine/PersonCommandGuard; requests through
 * Camunda's doors (the engine REST API, the web apps' engine API, Cockpit's and Admin's plugin APIs) are held to
 * the allow-list. Set by {@code ApiAuthenticationFilter} for the length of one request.
 */
public final class EngineDoors {

	private static final ThreadLocal<Boolean> PRODUCT = new ThreadLocal<>();

	private EngineDoors() {
	}

	/** Runs the rest of a request as the product's door. */
	public static void enterProduct() {
		PRODUCT.set(Boolean.TRUE);
	}

	public static void leaveProduct() {
		PRODUCT.remove();
	}

	/** Runs the product's own engine calls (its rules' look-ups) as the product's door, then restores the door. */
	public static <T> T asProduct(java.util.function.Supplier<T> calls) {
		Boolean before = PRODUCT.get();
		PRODUCT.set(Boolean.TRUE);
		try {
			return calls.get();
		}
		finally {
			if (before == null) {
				PRODUCT.remove();
			}
			else {
				PRODUCT.set(before);
			}
		}
	}

	public static boolean isProduct() {
		return Boolean.TRUE.equals(PRODUCT.get());
	}

}
