/** The product catalogue is shared by all tenants: it describes what manufacturers sell. */
export interface ProductTable {
  id: string;
  manufacturer: string;
  family: string | null;
  model_id: string;
  name: string;
  /** Connection or form: USB | Bluetooth | DECT | SIP | Soft | Room | Paging | WebRTC. */
  type: string;
  /** The kind of device this product makes (HardPhone, Headset, Base, …). */
  device_kind: string;
  usb_vendor_id: string | null;
  usb_product_id: string | null;
  sku: string | null;
  box_billing_id: number | null;
  line_count: number | null;
  /** JSON array of feature names (BLA, CommonPhone, Intercom, Paging, HELD). */
  features: string;
  created_at: number;
}
