// Grandstream gs_provision XML → raw P-values and the shared mapping (see
// grandstream_xml_parser.hpp).
#include "probes/config/grandstream_xml_parser.hpp"

#include <string>
#include <vector>

#include "probes/config/config_xml.hpp"
#include "probes/config/grandstream_pvalues.hpp"

namespace vca::probes::config {

ParsedConfig parse_grandstream_xml(std::string_view text) {
    markup::ConfigBuilder out(Format::GrandstreamXml);
    text = markup::bounded(text, out);
    out.device().vendor = "Grandstream";
    out.device().role = "phone";

    markup::XmlDocument doc(text);
    out.issues(doc.issues());
    const bool config_root = doc.name_of(doc.document_element()) == "config";
    markup::walk_elements(
        doc, doc.document_element(), {},
        [&](const markup::ElementVisit& v) {
            // Only the settings inside <config>: <mac> names the device.
            if (markup::has_child_elements(v.element)) return;
            if (!config_root && !ascii::istarts_with(v.path, "config.")) return;
            std::string key = doc.name_of(v.element);
            if (key == "item" && v.element.attribute("name")) key = v.element.attribute("name").value();
            if (key.empty()) return;
            out.raw(std::move(key), markup::text_of(v.element), doc.line_of(v.element));
        },
        out);

    for (Setting& s : normalise_grandstream_pvalues(out.raws())) out.add(std::move(s));
    return out.take();
}

}  // namespace vca::probes::config
