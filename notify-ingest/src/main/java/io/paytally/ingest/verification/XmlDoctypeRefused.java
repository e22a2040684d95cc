package io.paytally.ingest.verification;

/**
 * A v2 XML body with a DTD: the door to XXE and entity expansion, so always shut.
 */
public final class XmlDoctypeRefused extends CallbackRefused {

	public XmlDoctypeRefused() {
		super(400, "xml_doctype_refused", "DTDs are not accepted");
	}

}
