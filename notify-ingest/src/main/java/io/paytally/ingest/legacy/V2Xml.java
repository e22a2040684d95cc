package io.paytally.ingest.legacy;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.paytally.ingest.verification.CallbackRefused;
import io.paytally.ingest.verification.MalformedCallback;
import io.paytally.ingest.verification.XmlDoctypeRefused;

/**
 * Reads a v2 callback: a flat {@code <xml><name>value</name>...</xml>} document. Any DTD
 * is refused (no external entities, no entity expansion: the XXE of WeChat Pay's 2018 SDK
 * and the billion laughs cannot happen), as are nesting, repeated fields and more than a
 * hundred fields.
 */
final class V2Xml {

	private static final int MAX_FIELDS = 100;

	private static final XMLInputFactory FACTORY = factory();

	private V2Xml() {
	}

	static Map<String, String> parse(byte[] body) {
		return parse(body, "xml");
	}

	/** A flat document whose root element has the given name. */
	static Map<String, String> parse(byte[] body, String root) {
		XMLStreamReader reader = null;
		try {
			reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
			return read(reader, root);
		}
		catch (CallbackRefused ex) {
			throw ex;
		}
		catch (XMLStreamException | RuntimeException ex) {
			throw new MalformedCallback("XML");
		}
		finally {
			if (reader != null) {
				try {
					reader.close();
				}
				catch (XMLStreamException ex) {
					// nothing to release
				}
			}
		}
	}

	private static Map<String, String> read(XMLStreamReader reader, String root) throws XMLStreamException {
		Map<String, String> fields = new LinkedHashMap<>();
		int depth = 0;
		String name = null;
		StringBuilder text = null;
		while (reader.hasNext()) {
			int event = reader.next();
			switch (event) {
				case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_DECLARATION, XMLStreamConstants.ENTITY_REFERENCE,
						XMLStreamConstants.NOTATION_DECLARATION ->
					throw new XmlDoctypeRefused();
				case XMLStreamConstants.START_ELEMENT -> {
					depth++;
					if (depth == 1) {
						if (!root.equals(reader.getLocalName())) {
							throw new MalformedCallback("XML");
						}
					}
					else if (depth == 2) {
						name = reader.getLocalName();
						text = new StringBuilder();
					}
					else {
						throw new MalformedCallback("XML");
					}
				}
				case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
					if (depth == 2) {
						text.append(reader.getText());
						if (text.length() > 4096) {
							throw new MalformedCallback("XML");
						}
					}
				}
				case XMLStreamConstants.END_ELEMENT -> {
					if (depth == 2) {
						if (fields.put(name, text.toString().trim()) != null || fields.size() > MAX_FIELDS) {
							throw new MalformedCallback("XML");
						}
					}
					depth--;
				}
				default -> {
					// comments, processing instructions, document start and end
				}
			}
		}
		if (fields.isEmpty()) {
			throw new MalformedCallback("XML");
		}
		return fields;
	}

	private static XMLInputFactory factory() {
		XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
		factory.setProperty(XMLInputFactory.IS_COALESCING, false);
		factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
			throw new XMLStreamException("external resources are not read");
		});
		return factory;
	}

}
